/** The names of a module's exports that are React components without props. @public */
export type ComponentName<M> = {
  [K in keyof M]: M[K] extends () => JSX.Element | null ? K : never;
}[keyof M] &
  string;
