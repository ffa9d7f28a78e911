/**
 * A client's tags from one line of text, the one rule for the client form and imports:
 * commas, semicolons and bars all separate ("Runner; Football, VIP" -> three tags), blanks
 * and repeats (ignoring case) go. Plinth's own export writes a JSON array ('["a","b"]'),
 * which is read as one.
 */
export function splitTags(text: string): string[] {
  let parts: string[] | null = null
  if (text.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) parts = parsed.map(String)
    } catch {
      // not JSON after all: split it like any other list
    }
  }
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of parts ?? text.split(/[,;|]/)) {
    const tag = raw.trim()
    if (tag === '' || seen.has(tag.toLowerCase())) continue
    seen.add(tag.toLowerCase())
    tags.push(tag)
  }
  return tags
}

/** How the form and hints describe the rule above. */
export const TAGS_HINT = 'Separate with commas or semicolons'
