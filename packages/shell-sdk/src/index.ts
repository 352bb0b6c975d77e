export {
  type CursorConnection,
  type CursorList,
  type CursorListOptions,
  useCursorList,
} from "./cursor-list";
export { useDocumentTitle } from "./document-title";
export {
  configureGraphQL,
  errorMessage,
  fieldErrors,
  type GraphQLClientConfig,
  type GraphQLErrorCode,
  type GraphQLErrorEntry,
  GraphQLRequestError,
  type GraphQLRequestOptions,
  type GraphQLUploadOptions,
  graphqlEndpoint,
  graphqlRequest,
  graphqlUpload,
} from "./graphql";
export type {
  RemoteAppModule,
  RemoteAppProps,
  RemoteManifest,
  RemoteManifestEntry,
  RemoteName,
  RemotePreloadContext,
} from "./remote-contract";
export * from "./router";
export {
  type Session,
  SessionProvider,
  type SessionUser,
  type SignInPayload,
  useSession,
} from "./session";
export { graphqlSubscribe, useGraphQLSubscription } from "./subscription";
export { type ThemeName, ThemeProvider, type ThemeState, useTheme } from "./theme";
export { type ToastApi, type ToastOptions, ToastProvider, type ToastTone, useToast } from "./toast";
