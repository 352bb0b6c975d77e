/** Produced by analytics. Add each event here with its version and payload schema. */
export const analyticsEvents = {} as const;
