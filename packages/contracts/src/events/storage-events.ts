/** Produced by storage. Add each event here with its version and payload schema. */
export const storageEvents = {} as const;
