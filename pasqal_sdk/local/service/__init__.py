"""The local cloud's service: its state and rules (`cloud`), what it answers (`answers`), the
operations of each resource named by operationId (`batches`, `jobs`, `workloads`, `projects`,
`devices`, `tokens`, `cudaq`), authentication (`auth`, `accounts`), quotas and throttles
(`limits`, `throttle`) and listings' query values (`queries`).

It never imports the HTTP layer (`http`), which imports it; it uses `worker` and `storage`."""
