test "IpAddress with an IPv4 CIDR" {
  for_each = {
    first   = { ip = "203.0.113.0", expect = "allow" }
    inside  = { ip = "203.0.113.200", expect = "allow" }
    last    = { ip = "203.0.113.255", expect = "allow" }
    outside = { ip = "203.0.114.1", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/v4-cidr/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: IpAddress is CIDR containment; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress"
}

test "IpAddress with a bare IP means /32" {
  for_each = {
    same  = { ip = "198.51.100.7", expect = "allow" }
    next  = { ip = "198.51.100.8", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/bare-ip/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: a bare IP means /32"
}

test "IpAddress with an IPv6 CIDR" {
  for_each = {
    inside      = { ip = "2001:db8:1234:5678::1", expect = "allow" }
    outside     = { ip = "2001:db8:1235::1", expect = "implicit_deny" }
    ipv4_caller = { ip = "203.0.113.9", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/v6-cidr/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: IpAddress supports IPv4 or IPv6 CIDR; an IPv4 address is not inside an IPv6 range"
}

test "IpAddress with several ranges ORs them" {
  for_each = {
    v4    = { ip = "203.0.113.9", expect = "allow" }
    v6    = { ip = "2001:db8:1234::9", expect = "allow" }
    other = { ip = "192.0.2.1", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/several/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: OR over the values of one key"
}

test "NotIpAddress with several ranges is a NOR" {
  for_each = {
    in_first  = { ip = "203.0.113.9", expect = "implicit_deny" }
    in_second = { ip = "198.51.100.9", expect = "implicit_deny" }
    in_none   = { ip = "192.0.2.1", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/not-office/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 and §8 rule 8: negated operators with several values are true when the request value matches none of them"
}

test "IP operators with the key absent" {
  for_each = {
    ip_address     = { path = "v4-cidr", expect = "implicit_deny" }
    not_ip_address = { path = "not-office", expect = "allow" }
    if_exists      = { path = "if-exists", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/${each.value.path}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: absent key: IpAddress false, NotIpAddress (negated) true, …IfExists true"
}

test "IpAddressIfExists with the key present" {
  for_each = {
    inside  = { ip = "203.0.113.9", expect = "allow" }
    outside = { ip = "192.0.2.1", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/if-exists/f"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: …IfExists: if the key is present, evaluate normally"
}
