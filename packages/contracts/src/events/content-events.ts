/** Produced by content. Add each event here with its version and payload schema. */
export const contentEvents = {} as const;
