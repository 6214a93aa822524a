/** A whole list (`{ items }`): the answers that need no cursor. */
export interface Items<T> {
  items: T[];
}
