"""Where the local cloud's jobs run: the runner (`runner`) hands jobs to an executor (`executor`:
a local process pool, or a Dask cluster in `dask`), each job in a process of its own
(`jobproc`, warmed up by `preload`) on the emulators (`emulators`); sequences are checked in
checker processes (`checker`), CUDA-Q programs translated (`cudaq`), webhooks posted
(`webhooks`).

It imports only `storage` (and itself)."""
