# keys of a mapping in another order (as ConvertTo-Json may write them) are the same content: same fingerprint
.fingerprint == "sha256:9dfcb658998ccd30261d77fae8f6db9b6f92bd9293d2a97353074d025665812c"
