/** A therapist's or service's diary colour as a small swatch beside its name. */
export function ColourDot({ colour }: { colour: string }) {
  return (
    <svg width="12" height="12" aria-hidden="true" className="colour-dot">
      <circle cx="6" cy="6" r="6" fill={colour} />
    </svg>
  )
}
