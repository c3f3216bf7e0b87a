[.findings[] | select(.id == "spf.wap-update-rollup")] | length == 0
