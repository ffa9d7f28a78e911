/**
 * A plain body outline on the chart's 100 × 220 grid, the same for front and back (the
 * regions differ). One path string so the renderer's SVG and the PDF draw the same shape.
 */
export const HEAD = { cx: 50, cy: 14, rx: 10, ry: 12 }
export const BODY_PATH =
  'M45 25 L45 32 L30 36 L22 44 L18 70 L15 98 L13 112 L19 113 L22 98 L26 72 L30 56 L32 96 ' +
  'L34 140 L36 170 L37 200 L34 214 L46 214 L47 200 L48 160 L50 112 L52 160 L53 200 L54 214 ' +
  'L66 214 L63 200 L64 170 L66 140 L68 96 L70 56 L74 72 L78 98 L81 113 L87 112 L85 98 L82 70 ' +
  'L78 44 L70 36 L55 32 L55 25 Z'
export const CHART_WIDTH = 100
export const CHART_HEIGHT = 220
