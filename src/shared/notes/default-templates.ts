/** A free-text section of a note template. */
export interface TemplateField {
  id: string
  label: string
  hint?: string
}

const f = (id: string, label: string, hint?: string): TemplateField =>
  hint ? { id, label, hint } : { id, label }

/**
 * The templates a new clinic starts with. They are data (note_templates), seeded once by
 * migration 0300: the owner edits fields or adds templates in Settings, without code.
 */
export const DEFAULT_TEMPLATES: { name: string; description: string; fields: TemplateField[] }[] = [
  {
    name: 'Initial assessment',
    description: 'First visit: history, screening, findings and plan.',
    fields: [
      f('complaint', 'Presenting complaint'),
      f('history', 'History and mechanism of injury'),
      f('factors', 'Aggravating / easing factors'),
      f('red_flags', 'Red-flag screen', 'Night pain, weight loss, bladder/bowel changes, …'),
      f('previous', 'Previous treatment'),
      f('activity', 'Activity / training load'),
      f('observation', 'Observation / posture'),
      f('rom', 'Range of motion'),
      f('special_tests', 'Special tests'),
      f('palpation', 'Palpation findings'),
      f('impression', 'Assessment / clinical impression'),
      f('plan', 'Treatment plan and goals'),
    ],
  },
  {
    name: 'Follow-up (SOAP)',
    description: 'Subjective, objective, assessment, plan.',
    fields: [
      f('subjective', 'Subjective', 'What the client reports since last time'),
      f('objective', 'Objective', 'What you found'),
      f('assessment', 'Assessment'),
      f('plan', 'Plan'),
    ],
  },
  {
    name: 'Maintenance massage',
    description: 'Short form for regular maintenance sessions.',
    fields: [f('summary', 'Session summary')],
  },
]
