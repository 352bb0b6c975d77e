export { Button, type ButtonProps, type ButtonVariant } from "./button";
export { Card, type CardProps } from "./card";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export { Skeleton, type SkeletonProps, Spinner } from "./spinner";
export { EmptyState, ErrorState, type StateProps } from "./states";
