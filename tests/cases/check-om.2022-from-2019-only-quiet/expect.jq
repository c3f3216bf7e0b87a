[.findings[] | select(.id == "om.2022-from-2019-only")] | length == 0
