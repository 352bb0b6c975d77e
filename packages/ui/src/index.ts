export { Button, type ButtonProps, type ButtonVariant } from "./button";
export { Card, type CardProps } from "./card";
export { Skeleton, type SkeletonProps, Spinner } from "./spinner";
export { EmptyState, ErrorState, type StateProps } from "./states";
