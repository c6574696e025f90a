"""runrehab: evidence-informed triage, rehab and return-to-run plans for injured runners."""

__version__ = "0.1.0"
