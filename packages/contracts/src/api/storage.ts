// API schemas of the storage service (requests and responses), shared by the service and the BFF.
export {};
