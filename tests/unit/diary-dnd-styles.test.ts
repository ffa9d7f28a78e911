import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** A stylesheet's rules, comments and spacing aside, each up to its closing brace. */
const rules = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('}')
    .map((r) => r.replace(/\s+/g, ' ').trim())
    .filter(Boolean)

// diary-dnd.css is react-big-calendar's drag-and-drop stylesheet less the fade of every other
// booking during a drag (issue 19): an upgrade of the library that changes its styles shows
// here, to be copied across.
describe("the diary's drag-and-drop styles", () => {
  it("are the library's, less the fade of every other booking", () => {
    const ours = rules('src/renderer/src/features/diary/diary-dnd.css')
    const theirs = rules('node_modules/react-big-calendar/lib/addons/dragAndDrop/styles.css')
    expect(theirs.length).toBeGreaterThan(10)
    expect(theirs.filter((r) => !ours.includes(r))).toEqual([
      '.rbc-addons-dnd .rbc-event { transition: opacity 150ms;',
      '.rbc-addons-dnd.rbc-addons-dnd-is-dragging .rbc-event:not(.rbc-addons-dnd-dragged-event):not(.rbc-addons-dnd-drag-preview) { opacity: 0.5;',
    ])
    expect(ours.filter((r) => !theirs.includes(r))).toEqual([])
  })
})
