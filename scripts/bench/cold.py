"""`make bench`'s cold script: what a fresh process does first, written as each client's user would.

Usage: python cold.py {ours|official} CONFIG_JSON
Imports the client, logs in, gets one batch and reads its first job's result; bench.py times
the whole process from outside. Nothing else is imported first, so that the import is cold.
"""

import json
import sys


def ours(cfg: dict[str, str]) -> object:
    # PASQAL_URL (set by bench.py) names the local cloud's one base URL.
    from pasqal_sdk import SDK

    sdk = SDK(cfg["username"], cfg["password"], project_id=cfg["project_id"])
    return sdk.get_batch(cfg["batch_id"]).ordered_jobs[0].result


def official(cfg: dict[str, str]) -> object:
    from pasqal_cloud.endpoints import Endpoints, TokenProviderConf
    from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient

    sdk = PasqalCloudClient(
        username=cfg["username"],
        password=cfg["password"],
        project_id=cfg["project_id"],
        endpoints=Endpoints(core=cfg["core_url"], account=cfg["account_url"]),
        auth_config=TokenProviderConf(
            token_endpoint=cfg["token_url"],
            public_client_id="PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB",
            audience="https://apis.pasqal.cloud/account/api/v1",
            realm="pcs-users",
            grant_type="http://auth0.com/oauth/grant-type/password-realm",
        ),
    )
    return sdk.get_batch(cfg["batch_id"]).ordered_jobs[0].result


if __name__ == "__main__":
    which, cfg_text = sys.argv[1:3]
    result = (ours if which == "ours" else official)(json.loads(cfg_text))
    if not result:
        sys.exit(f"{which}: no result in the first job")
