// API schemas of the page service (requests and responses), shared by the service and the BFF.
export {};
