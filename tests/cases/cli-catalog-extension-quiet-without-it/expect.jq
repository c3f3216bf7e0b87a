.verdict == "ok" and (.findings | length == 0)
