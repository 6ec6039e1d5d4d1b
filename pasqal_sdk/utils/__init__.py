"""The original SDK's `pasqal_cloud.utils` names: `filters`, `constants` and `responses`."""
