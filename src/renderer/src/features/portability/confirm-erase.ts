/** The confirmation both the retention list and the client page ask before erasing. */
export function confirmErase(how: 'anonymise' | 'delete', name: string): boolean {
  return window.confirm(
    how === 'anonymise'
      ? `Anonymise ${name}? Their name, contact details, birthday, notes, alerts and questionnaires are removed for good; visit counts and takings stay.`
      : `Delete ${name}'s record? Everything about them is removed for good.`,
  )
}
