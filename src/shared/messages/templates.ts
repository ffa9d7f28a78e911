// Message templates (issue 16): the placeholders an owner may use, the defaults, and the one
// renderer used by main (to queue a message) and the renderer (live preview), so a preview
// is exactly what will be sent.

export const MESSAGE_KINDS = [
  'confirmation',
  'reminder',
  'moved',
  'cancelled',
  'dna',
  'aftercare',
  'recall',
] as const
export type TemplateKind = (typeof MESSAGE_KINDS)[number]
export const CHANNELS = ['email', 'sms'] as const
export type Channel = (typeof CHANNELS)[number]

export const KIND_LABELS: Record<TemplateKind | 'test', string> = {
  confirmation: 'Booking confirmation',
  reminder: 'Reminder',
  moved: 'Appointment moved',
  cancelled: 'Appointment cancelled',
  dna: 'Did-not-attend follow-up',
  aftercare: 'Aftercare follow-up',
  recall: 'Recall (time to rebook)',
  test: 'Test e-mail',
}

/** Recall is marketing: it goes only with recorded consent (see services/messages/consent.ts). */
export const MARKETING_KINDS: readonly TemplateKind[] = ['recall']

/**
 * Every placeholder a template may use, with an example for the preview. None carries a
 * health detail: alerts, notes, questionnaires and conditions are never offered, and a
 * placeholder that looks like one is refused by name (HEALTH_WORDS).
 */
export const PLACEHOLDERS = {
  firstName: 'Priya',
  date: 'Thursday 18 June 2026',
  time: '09:00',
  therapist: 'Sam Taylor',
  service: 'Sports massage 60 min',
  clinicName: 'Riverside Sports Massage',
  clinicAddress: '12 Mill Lane, Bristol BS1 4DJ',
  clinicPhone: '0117 496 0123',
} as const
export type PlaceholderName = keyof typeof PLACEHOLDERS
export type PlaceholderValues = Record<PlaceholderName, string>

const HEALTH_WORDS =
  /(note|alert|condition|diagnos|injur|medic|health|treat|gp|questionnaire|symptom|pain|allerg|pregnan|mental|body|soap|assessment)/i

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g

export const LIMITS = {
  subject: 150,
  /** An SMS body up to 4 segments of 153 GSM-7 characters once filled in. */
  sms: 612,
  email: 5000,
} as const

export interface TemplateProblem {
  path: 'subject' | 'body'
  message: string
}

/** What is wrong with a template: unknown or health-like placeholders, a text too long. */
export function templateProblems(
  channel: Channel,
  subject: string,
  body: string,
): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  for (const [path, text] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1]!
      if (Object.hasOwn(PLACEHOLDERS, name)) continue
      problems.push({
        path,
        message: HEALTH_WORDS.test(name)
          ? `{{${name}}} is refused: no health details go in a message.`
          : `{{${name}}} is not a placeholder; use one of ${Object.keys(PLACEHOLDERS)
              .map((p) => `{{${p}}}`)
              .join(', ')}.`,
      })
    }
    const stray = text.replace(PLACEHOLDER, '')
    if (/\{\{|\}\}/.test(stray)) {
      problems.push({ path, message: 'A placeholder is not closed: write it as {{firstName}}.' })
    }
  }
  if (channel === 'email' && subject.trim() === '') {
    problems.push({ path: 'subject', message: 'Enter a subject for the e-mail' })
  }
  if (body.trim() === '') problems.push({ path: 'body', message: 'Enter the message' })
  const filled = renderTemplate(body, PLACEHOLDERS).length
  const limit = channel === 'sms' ? LIMITS.sms : LIMITS.email
  if (filled > limit) {
    problems.push({
      path: 'body',
      message: `Filled in, this is ${filled} characters; keep it under ${limit}.`,
    })
  }
  return problems
}

/** Fills in `{{name}}` placeholders; unknown names are left as written (refused on save). */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as PlaceholderName] : whole,
  )
}

export interface TemplateText {
  subject: string
  body: string
}

const sign = '\n\n{{clinicName}}\n{{clinicAddress}}\n{{clinicPhone}}'

/** The templates a new clinic starts with; the owner edits them under Messages → Templates. */
export const DEFAULT_TEMPLATES: Record<TemplateKind, Record<Channel, TemplateText>> = {
  confirmation: {
    email: {
      subject: 'Your appointment on {{date}} at {{time}}',
      body: `Hello {{firstName}},\n\nYou are booked for {{service}} with {{therapist}} on {{date}} at {{time}}. The appointment is attached for your calendar.\n\nTo change or cancel, please call us on {{clinicPhone}}.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: {{firstName}}, you are booked with {{therapist}} on {{date}} at {{time}}. To change, call {{clinicPhone}}.',
    },
  },
  reminder: {
    email: {
      subject: 'Reminder: your appointment on {{date}} at {{time}}',
      body: `Hello {{firstName}},\n\nA reminder of your {{service}} with {{therapist}} on {{date}} at {{time}}.\n\nIf you cannot come, please call us on {{clinicPhone}} so we can offer the time to someone else.${sign}`,
    },
    sms: {
      subject: '',
      body: "{{clinicName}}: reminder, {{firstName}}, you are booked with {{therapist}} on {{date}} at {{time}}. Can't come? Call {{clinicPhone}}.",
    },
  },
  moved: {
    email: {
      subject: 'Your appointment has moved to {{date}} at {{time}}',
      body: `Hello {{firstName}},\n\nYour {{service}} is now on {{date}} at {{time}} with {{therapist}}.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: {{firstName}}, your appointment is now {{date}} at {{time}} with {{therapist}}.',
    },
  },
  cancelled: {
    email: {
      subject: 'Your appointment on {{date}} is cancelled',
      body: `Hello {{firstName}},\n\nYour {{service}} on {{date}} at {{time}} is cancelled. To book again, call us on {{clinicPhone}}.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: {{firstName}}, your appointment on {{date}} at {{time}} is cancelled. To rebook call {{clinicPhone}}.',
    },
  },
  dna: {
    email: {
      subject: 'We missed you today',
      body: `Hello {{firstName}},\n\nWe missed you at your appointment on {{date}} at {{time}}. Please call us on {{clinicPhone}} to book another time.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: {{firstName}}, we missed you on {{date}} at {{time}}. Call {{clinicPhone}} to rebook.',
    },
  },
  aftercare: {
    email: {
      subject: 'How are you getting on?',
      body: `Hello {{firstName}},\n\nIt has been a few days since your {{service}} with {{therapist}}. If you would like another appointment, call us on {{clinicPhone}}.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: hello {{firstName}}, how are you getting on since your visit? To book again call {{clinicPhone}}.',
    },
  },
  recall: {
    email: {
      subject: 'Time for your next appointment?',
      body: `Hello {{firstName}},\n\nIt has been a while since your last visit. Call us on {{clinicPhone}} to book.\n\nTo stop these messages, reply or call and we will take you off the list.${sign}`,
    },
    sms: {
      subject: '',
      body: '{{clinicName}}: {{firstName}}, time for your next appointment? Call {{clinicPhone}}. Reply STOP to opt out.',
    },
  },
}
