"""The local cloud's storage: the SQLite database (`store`, made of `database`, `accounts`,
`batches`, `jobs`, `workloads`; `schema`, `queries`, `rows`, `errors`), the batch status state
machine (`batch_status`, a pure function), result files (`results`), the data dir (`datadir`)
and the faults the reliability tests inject (`faults`).

It imports no other layer of the local cloud."""
