import { createClient } from '../../../shared/client'

export const api = createClient(window.plinth)
