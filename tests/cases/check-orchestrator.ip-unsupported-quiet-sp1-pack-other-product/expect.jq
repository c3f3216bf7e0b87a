# The 2012 SP1 pack on a 2012 R2 component is supported for every product but VMM.
.verdict == "ok"
[.findings[] | select(.id == "orchestrator.ip-unsupported")] | length == 0
