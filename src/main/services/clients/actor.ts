/** Who is doing something to a client record: stored as an id and, for consents, a name. */
export interface Actor {
  userId: number | null
  name: string | null
}
