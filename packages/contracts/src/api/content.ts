// API schemas of the content service (requests and responses), shared by the service and the BFF.
export {};
