/** A piece of the model's answer as it arrives (a leaf: stream.ts and text-forms.ts both speak it). */
export type ModelDelta =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** A piece of a tool call's arguments; `index` is the call's place in the turn, `name` its tool once known. */
  | { type: 'arguments'; index: number; name: string; text: string };
