#!/bin/sh
# ssh-ingress-guard host posture: reads the effective sshd configuration with `sshd -T` (so Include,
# Match blocks and compiled-in defaults decide, as they do for a real login) and reports each SSH
# control as an AWS Systems Manager Compliance item of type Custom:SshPosture.
#
# It changes nothing on the host. Settings (the SSM document sets them from its parameters):
#   SSH_POSTURE_ROOT_LOGIN_ALLOWED  no (default) | prohibit-password
#   SSH_POSTURE_MIN_OPENSSH         lowest acceptable OpenSSH version, MAJOR.MINOR (default 8.7)
#   SSH_POSTURE_PROBE_USERS         users whose Match blocks are evaluated besides root
#   SSH_POSTURE_PROBE_ADDRS         client addresses whose Match blocks are evaluated
#   SSHD, SSHD_CONFIG               the daemon binary and its main configuration file
# Nothing here may use brace expansion syntax or double braces: the file is embedded verbatim into an
# SSM document that the stack template carries, and both would be read as template variables there.

[ -n "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" ] || SSH_POSTURE_ROOT_LOGIN_ALLOWED=no
[ -n "$SSH_POSTURE_MIN_OPENSSH" ] || SSH_POSTURE_MIN_OPENSSH=8.7
[ -n "$SSH_POSTURE_PROBE_USERS" ] || SSH_POSTURE_PROBE_USERS="ec2-user ubuntu admin"
[ -n "$SSH_POSTURE_PROBE_ADDRS" ] || SSH_POSTURE_PROBE_ADDRS="203.0.113.10 10.0.0.10"
[ -n "$SSHD_CONFIG" ] || SSHD_CONFIG=/etc/ssh/sshd_config
[ -n "$SSHD" ] || SSHD=$(command -v sshd || echo /usr/sbin/sshd)
PATH=$PATH:/usr/sbin:/sbin

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# One configuration dump per connection context: no context (no Match block applies), then root and
# each probe user from each probe address. A Match block can only loosen a control for the
# connections it matches, so the worst value over these contexts is what an attacker can reach.
dump_config() { # $1 file, $2 connection spec (empty: none)
  if [ -n "$2" ]; then set -- "$1" -C "$2"; else set -- "$1"; fi
  out=$1; shift
  "$SSHD" -T -f "$SSHD_CONFIG" "$@" >"$out" 2>"$out.err" && return 0
  # sshd refuses to run without its privilege separation directory, which a stopped daemon's service
  # unit has not created yet; creating the empty directory is what that unit would do.
  dir=$(sed -n 's/^Missing privilege separation directory: //p' "$out.err")
  [ -n "$dir" ] && mkdir -p -m 0755 "$dir" 2>/dev/null &&
    "$SSHD" -T -f "$SSHD_CONFIG" "$@" >"$out" 2>"$out.err"
}

config_error=
n=0
dumps=
for spec in "" $(for u in root $SSH_POSTURE_PROBE_USERS; do for a in $SSH_POSTURE_PROBE_ADDRS; do
  echo "user=$u,host=$a,addr=$a,lport=22"; done; done); do
  n=$((n + 1))
  echo "$spec" >>"$work/contexts"
  dumps="$dumps $work/dump.$n"
  if ! dump_config "$work/dump.$n" "$spec"; then
    config_error=$(grep -v '^$' "$work/dump.$n.err" | head -n 1)
    [ -n "$config_error" ] || config_error="sshd -T failed"
    break
  fi
done

# value KEY FILE: the effective value of one keyword in one dump (sshd -T prints lower-case keywords).
value() { awk -v k="$1" '$1 == k { sub(/^[^ ]+ +/, ""); print; exit }' "$2"; }

# worst KEY RANKING USERS: over the dumps whose user is in USERS ("*" for all; the dump without a
# context always counts), the value with the highest rank in RANKING ("value:rank ..."; unknown
# values rank highest); prints "value<TAB>context".
worst() {
  awk -v k="$1" -v ranking="$2" -v users=" $3 " -v contexts="$work/contexts" '
    BEGIN {
      split(ranking, pairs, " "); for (j in pairs) { split(pairs[j], p, ":"); rank[p[1]] = p[2] }
      while ((getline line < contexts) > 0) c[++nc] = line
      best = -1
    }
    FNR == 1 { f++ }
    $1 == k {
      ctx = c[f]; u = ctx; sub(/^user=/, "", u); sub(/,.*/, "", u)
      if (ctx != "" && users != " * " && index(users, " " u " ") == 0) next
      v = $0; sub(/^[^ ]+ +/, "", v); rk = (v in rank) ? rank[v] : 9
      if (rk > best) { best = rk; bv = v; bc = ctx }
    }
    END { if (bc == "") bc = "no Match block applies"; printf "%s\t%s\n", bv, bc }' $dumps
}

json_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr -d '\n\r'; }

items="$work/items.json"
printf '[' >"$items"
sep=
# item ID TITLE SEVERITY STATUS VALUE EXPECTED CONTEXT
item() {
  printf '%s{"Id":"%s","Title":"%s","Severity":"%s","Status":"%s","Details":{"Value":"%s","Expected":"%s","Context":"%s"}}' \
    "$sep" "$1" "$(json_escape "$2")" "$3" "$4" "$(json_escape "$5")" "$(json_escape "$6")" \
    "$(json_escape "$7")" >>"$items"
  sep=,
  printf '%-13s %s = %s (expected %s; %s)\n' "$4" "$1" "$5" "$6" "$7"
}
status_if() { if [ "$1" = yes ]; then echo COMPLIANT; else echo NON_COMPLIANT; fi; }
field() { printf '%s\n' "$1" | cut -f "$2"; }

if [ -n "$config_error" ]; then
  item SshdConfiguration "sshd configuration is readable and valid" HIGH NON_COMPLIANT \
    "$config_error" "sshd -T succeeds" "$SSHD_CONFIG"
  for control in "PermitRootLogin CRITICAL" "PasswordAuthentication HIGH" \
    "KbdInteractiveAuthentication HIGH" "PubkeyAuthentication MEDIUM"; do
    set -- $control
    item "$1" "$1 could not be read" "$2" NON_COMPLIANT unknown "a readable configuration" "$config_error"
  done
else
  item SshdConfiguration "sshd configuration is readable and valid" HIGH COMPLIANT valid \
    "sshd -T succeeds" "$n connection contexts evaluated"

  # without-password is the old name of prohibit-password.
  r=$(worst permitrootlogin "no:0 forced-commands-only:1 prohibit-password:2 without-password:2 yes:3" root)
  v=$(field "$r" 1)
  [ "$v" = without-password ] && v=prohibit-password
  ok=no
  case "$v" in
    no) ok=yes ;;
    prohibit-password|forced-commands-only) [ "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" = prohibit-password ] && ok=yes ;;
  esac
  item PermitRootLogin "root cannot log in over SSH" CRITICAL "$(status_if $ok)" "$v" \
    "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" "$(field "$r" 2)"

  r=$(worst passwordauthentication "no:0 yes:1" '*')
  v=$(field "$r" 1)
  item PasswordAuthentication "password logins are off" HIGH "$(status_if "$([ "$v" = no ] && echo yes)")" \
    "$v" no "$(field "$r" 2)"

  # OpenSSH 8.7 renamed ChallengeResponseAuthentication to KbdInteractiveAuthentication; older
  # daemons print only the old keyword.
  key=kbdinteractiveauthentication
  grep -q '^kbdinteractiveauthentication ' "$work/dump.1" || key=challengeresponseauthentication
  r=$(worst "$key" "no:0 yes:1" '*')
  v=$(field "$r" 1)
  item KbdInteractiveAuthentication "keyboard-interactive (challenge-response) logins are off" HIGH \
    "$(status_if "$([ "$v" = no ] && echo yes)")" "$v" no "$key; $(field "$r" 2)"

  r=$(worst pubkeyauthentication "yes:0 no:1" '*')
  v=$(field "$r" 1)
  item PubkeyAuthentication "public-key logins are on" MEDIUM "$(status_if "$([ "$v" = yes ] && echo yes)")" \
    "$v" yes "$(field "$r" 2)"
fi

# Brute-force protection: fail2ban with an sshd jail, sshguard, or sshd's own per-source penalties
# (OpenSSH 9.8 and later, on by default there).
is_running() { # $1 service and process name
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$1" 2>/dev/null; then return 0; fi
  command -v pgrep >/dev/null 2>&1 && pgrep -x "$1" >/dev/null 2>&1 && return 0
  [ "$1" = fail2ban ] && command -v pgrep >/dev/null 2>&1 && pgrep -f fail2ban-server >/dev/null 2>&1
}
protection=
if is_running fail2ban; then
  if fail2ban-client status sshd >/dev/null 2>&1; then protection="fail2ban (sshd jail)"
  else fail2ban_note="fail2ban runs without an sshd jail"; fi
fi
[ -z "$protection" ] && is_running sshguard && protection=sshguard
if [ -z "$protection" ] && [ -z "$config_error" ]; then
  penalties=$(value persourcepenalties "$work/dump.1")
  [ -n "$penalties" ] && [ "$penalties" != no ] && protection="sshd PerSourcePenalties"
fi
if [ -n "$protection" ]; then
  item BruteForceProtection "brute-force protection is active" MEDIUM COMPLIANT "$protection" \
    "fail2ban, sshguard or PerSourcePenalties" "active"
else
  item BruteForceProtection "brute-force protection is active" MEDIUM NON_COMPLIANT none \
    "fail2ban, sshguard or PerSourcePenalties" "$(echo "$fail2ban_note" | sed 's/^$/none found/')"
fi

# OpenSSH version: sshd -V (9.x), older daemons print it in their usage text, ssh -V as a last resort.
version=$( ("$SSHD" -V 2>&1; ssh -V 2>&1) | sed -n 's/.*OpenSSH_\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -n 1)
version_ok=$(echo "$version $SSH_POSTURE_MIN_OPENSSH" | awk '{
  split($1, v, "."); split($2, m, ".")
  if ($1 == "") print "no"; else if (v[1] + 0 != m[1] + 0) print (v[1] + 0 > m[1] + 0 ? "yes" : "no");
  else print (v[2] + 0 >= m[2] + 0 ? "yes" : "no") }')
[ -n "$version" ] || version=unknown
item OpenSshVersion "OpenSSH is at least the minimum version" HIGH "$(status_if "$version_ok")" "$version" \
  ">= $SSH_POSTURE_MIN_OPENSSH" "distributions backport fixes without changing the version"

# EC2 Instance Connect: the package's key helper is on disk, or sshd is configured to call it.
eic=
for helper in /usr/share/ec2-instance-connect/eic_run_authorized_keys /opt/aws/bin/eic_run_authorized_keys; do
  [ -x "$helper" ] && eic=$helper
done
if [ -z "$eic" ] && [ -z "$config_error" ]; then
  value authorizedkeyscommand "$work/dump.1" | grep -q eic_run_authorized_keys && eic="AuthorizedKeysCommand"
fi
if [ -n "$eic" ]; then
  item Ec2InstanceConnect "EC2 Instance Connect is installed" INFORMATIONAL COMPLIANT installed installed "$eic"
else
  item Ec2InstanceConnect "EC2 Instance Connect is installed" INFORMATIONAL NON_COMPLIANT "not installed" \
    installed "one-time keys need the ec2-instance-connect package"
fi
printf ']' >>"$items"

# Report to Systems Manager for this managed instance (the agent names it; IMDSv2 otherwise).
instance=$AWS_SSM_INSTANCE_ID
region=$AWS_SSM_REGION_NAME
if [ -z "$instance" ] || [ -z "$region" ]; then
  token=$(curl -s -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  [ -n "$instance" ] || instance=$(curl -s -m 2 -H "X-aws-ec2-metadata-token: $token" \
    http://169.254.169.254/latest/meta-data/instance-id)
  [ -n "$region" ] || region=$(curl -s -m 2 -H "X-aws-ec2-metadata-token: $token" \
    http://169.254.169.254/latest/meta-data/placement/region)
fi
if ! command -v aws >/dev/null 2>&1; then
  echo "the AWS CLI is not installed: the items above were not reported (the instance stays not assessed)" >&2
  exit 3
fi
if [ -z "$instance" ] || [ -z "$region" ]; then
  echo "cannot tell which instance this is: the items above were not reported" >&2
  exit 3
fi
aws ssm put-compliance-items --region "$region" --resource-id "$instance" \
  --resource-type ManagedInstance --compliance-type Custom:SshPosture \
  --execution-summary "ExecutionTime=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --upload-type COMPLETE --items "file://$items"
