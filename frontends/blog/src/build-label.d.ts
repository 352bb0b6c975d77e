/** Set at build time from QUIRE_BUILD_LABEL (see remoteConfig in vite.shared.ts); empty when unset. */
declare const __QUIRE_BUILD_LABEL__: string;
