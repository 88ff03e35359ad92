# §6: ${aws:PrincipalTag/team}, and a default value for a missing key:
# ${aws:PrincipalTag/team, 'company-wide'}.

account "main" { id = "111111111111" }

user "red_member" {
  tags     = { team = "red" }
  policies = [policy.team_buckets]
}

user "untagged" {
  policies = [policy.team_buckets]
}

user "upper_tag_key" {
  tags     = { Team = "blue" }
  policies = [policy.team_buckets]
}

policy "team_buckets" {
  statement "TeamBucket" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::team-$${aws:PrincipalTag/team}/*"]
  }
  statement "TeamOrDefault" {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::shared/$${aws:PrincipalTag/team, 'company-wide'}/*"]
  }
}
