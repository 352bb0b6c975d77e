export { Button, type ButtonProps, type ButtonVariant } from "./button";
export { Card, type CardProps } from "./card";
export { CODE_HIGHLIGHT_CLASS } from "./code-highlight";
export { ConfirmDialog, type ConfirmDialogProps, Modal, type ModalProps } from "./confirm-dialog";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export {
  ListSkeleton,
  ListStates,
  type ListStatesProps,
  type ListStatus,
  LoadMore,
  type LoadMoreProps,
} from "./list-states";
export { ProgressBar, type ProgressBarProps } from "./progress-bar";
export { Skeleton, type SkeletonProps, Spinner } from "./spinner";
export { EmptyState, ErrorState, type StateProps } from "./states";
