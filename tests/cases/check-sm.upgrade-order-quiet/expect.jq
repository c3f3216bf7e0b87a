[.findings[] | select(.id == "sm.upgrade-order")] | length == 0
