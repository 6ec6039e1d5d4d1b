"""qoolqit's RemoteEmulator against a local cloud (run in the qoolqit venv: the CPU build of
torch, then qoolqit), through pasqal-cloud's PasqalCloudConnection.

Arguments: url user password project. The job's status is read while it still runs (the
official client then asks the results link of a job without results), then its results. Prints
`QOOLQIT FLOW OK` last."""

from __future__ import annotations

import sys
import warnings

warnings.simplefilter("ignore")

from pasqal_cloud import PasqalCloudConnection  # noqa: E402
from pasqal_cloud.authentication import PasswordGrantTokenProvider  # noqa: E402
from pasqal_cloud.endpoints import (  # noqa: E402
    AUDIENCE,
    AUTH0_TOKEN_PROVIDER_GRANT_TYPE,
    PUBLIC_CLIENT_ID,
    REALM,
    Endpoints,
    TokenProviderConf,
)
from qoolqit import ConstantWaveform, Drive, MockDevice, QuantumProgram, Register  # noqa: E402
from qoolqit.execution import RemoteEmulator  # noqa: E402

SHOTS = 60

url, username, password, project_id = sys.argv[1:5]
endpoints = Endpoints(core=f"{url}/core-fast", account=f"{url}/account")
conf = TokenProviderConf(
    token_endpoint=f"{url}/oauth/token",
    public_client_id=PUBLIC_CLIENT_ID,
    audience=AUDIENCE,
    realm=REALM,
    grant_type=AUTH0_TOKEN_PROVIDER_GRANT_TYPE,
)
provider = PasswordGrantTokenProvider(username, password, conf)
connection = PasqalCloudConnection(
    project_id=project_id, token_provider=provider, endpoints=endpoints
)

register = Register.from_coordinates([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)])
program = QuantumProgram(register=register, drive=Drive(amplitude=ConstantWaveform(8.0, 1.0)))
program.compile_to(MockDevice())
backend = RemoteEmulator(connection=connection, num_shots=SHOTS)
job = backend.run(program)
print("status while it runs:", job.get_status(), flush=True)
results = job.results(timeout=120)
counts = dict(results.final_bitstrings)
print("counts:", counts, flush=True)
assert sum(counts.values()) == SHOTS, counts
assert str(job.get_status()).endswith("DONE"), job.get_status()
print("QOOLQIT FLOW OK")
