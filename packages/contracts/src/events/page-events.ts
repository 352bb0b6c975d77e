/** Produced by page. Add each event here with its version and payload schema. */
export const pageEvents = {} as const;
