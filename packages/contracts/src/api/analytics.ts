// API schemas of the analytics service (requests and responses), shared by the service and the BFF.
export {};
