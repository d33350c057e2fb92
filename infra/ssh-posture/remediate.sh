#!/bin/sh
# ssh-ingress-guard host remediation: sets the failing SSH login controls in one drop-in file and
# reloads sshd, only after `sshd -t` accepts the result. Any failure puts every file back as it was,
# so a host is never left without a configuration sshd accepts.
#
# Settings (the SSM document sets them from its parameters):
#   SSH_REMEDIATION_MODE            report (default: print the plan, change nothing) | apply
#   SSH_POSTURE_ROOT_LOGIN_ALLOWED  no (default) | prohibit-password
#   SSH_POSTURE_PROBE_USERS         users whose Match blocks are evaluated besides root
#   SSH_POSTURE_PROBE_ADDRS         client addresses whose Match blocks are evaluated
#   SSHD, SSHD_CONFIG, SSHD_CONFIG_DIR (default: sshd_config.d next to SSHD_CONFIG)
#   SSHD_RELOAD_COMMAND             how to make the running daemon read its configuration again
# Nothing here may use brace expansion syntax or double braces: the file is embedded verbatim into an
# SSM document that the stack template carries, and both would be read as template variables there.

[ -n "$SSH_REMEDIATION_MODE" ] || SSH_REMEDIATION_MODE=report
[ -n "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" ] || SSH_POSTURE_ROOT_LOGIN_ALLOWED=no
[ -n "$SSH_POSTURE_PROBE_USERS" ] || SSH_POSTURE_PROBE_USERS="ec2-user ubuntu admin"
[ -n "$SSH_POSTURE_PROBE_ADDRS" ] || SSH_POSTURE_PROBE_ADDRS="203.0.113.10 10.0.0.10"
[ -n "$SSHD_CONFIG" ] || SSHD_CONFIG=/etc/ssh/sshd_config
[ -n "$SSHD_CONFIG_DIR" ] || SSHD_CONFIG_DIR=$(dirname "$SSHD_CONFIG")/sshd_config.d
[ -n "$SSHD_RELOAD_COMMAND" ] ||
  SSHD_RELOAD_COMMAND="systemctl reload ssh || systemctl reload sshd || service ssh reload || service sshd reload"
[ -n "$SSHD" ] || SSHD=$(command -v sshd || echo /usr/sbin/sshd)
PATH=$PATH:/usr/sbin:/sbin
DROP_IN=$SSHD_CONFIG_DIR/00-ssh-ingress-guard.conf

case "$SSH_REMEDIATION_MODE" in report|apply) ;; *) echo "SSH_REMEDIATION_MODE must be report or apply" >&2; exit 1 ;; esac
case "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" in no|prohibit-password) ;;
  *) echo "SSH_POSTURE_ROOT_LOGIN_ALLOWED must be no or prohibit-password" >&2; exit 1 ;; esac

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

validate() { "$SSHD" -t -f "$SSHD_CONFIG" >"$work/validate.err" 2>&1 && return 0
  dir=$(sed -n 's/^Missing privilege separation directory: //p' "$work/validate.err")
  [ -n "$dir" ] && mkdir -p -m 0755 "$dir" 2>/dev/null && "$SSHD" -t -f "$SSHD_CONFIG" >"$work/validate.err" 2>&1; }

# Effective values over the same connection contexts the posture check evaluates.
dump_all() {
  n=0
  for spec in "" $(for u in root $SSH_POSTURE_PROBE_USERS; do for a in $SSH_POSTURE_PROBE_ADDRS; do
    echo "user=$u,host=$a,addr=$a,lport=22"; done; done); do
    n=$((n + 1))
    if [ -n "$spec" ]; then "$SSHD" -T -f "$SSHD_CONFIG" -C "$spec" >"$work/dump.$n" 2>/dev/null || return 1
    else "$SSHD" -T -f "$SSHD_CONFIG" >"$work/dump.$n" 2>/dev/null || return 1; fi
  done
}
# any_value KEY ALLOWED: prints the first effective value of KEY outside the words in ALLOWED.
any_value() { cat "$work"/dump.* | awk -v k="$1" -v ok=" $2 " '$1 == k && index(ok, " " $2 " ") == 0 { print $2; exit }'; }

# failing_settings: one "Keyword value" line per control sshd does not yet enforce.
failing_settings() {
  dump_all || return 1
  if [ "$SSH_POSTURE_ROOT_LOGIN_ALLOWED" = prohibit-password ]; then allowed="no prohibit-password without-password forced-commands-only"
  else allowed=no; fi
  [ -z "$(any_value permitrootlogin "$allowed")" ] || echo "PermitRootLogin $SSH_POSTURE_ROOT_LOGIN_ALLOWED"
  [ -z "$(any_value passwordauthentication no)" ] || echo "PasswordAuthentication no"
  if grep -q '^kbdinteractiveauthentication ' "$work/dump.1"; then
    [ -z "$(any_value kbdinteractiveauthentication no)" ] || echo "KbdInteractiveAuthentication no"
  else
    [ -z "$(any_value challengeresponseauthentication no)" ] || echo "ChallengeResponseAuthentication no"
  fi
  [ -z "$(any_value pubkeyauthentication yes)" ] || echo "PubkeyAuthentication yes"
}

if ! validate; then
  echo "the current sshd configuration does not validate; nothing changed:" >&2
  cat "$work/validate.err" >&2
  exit 1
fi
failing_settings >"$work/failing" || { echo "sshd -T failed; nothing changed" >&2; exit 1; }
if [ ! -s "$work/failing" ]; then
  echo "sshd already enforces every control; nothing to change"
  exit 0
fi
# Settings this file already holds stay in it: a re-run never loosens what an earlier run set (what
# fails now comes first, so a changed root-login allowance replaces the earlier value).
if [ -f "$DROP_IN" ]; then
  awk '/^[Mm]atch /{exit} /^[A-Za-z]/' "$DROP_IN" >>"$work/failing"
fi
awk '!seen[$1]++' "$work/failing" >"$work/settings"

# Global lines, then the same lines under "Match all": a matching block overrides every global line
# (even one read before the Include), and of two matching blocks the first read wins, so the main
# file's later Match blocks cannot loosen these either.
{
  echo "# Written by ssh-ingress-guard host remediation. Remove this file to undo it (then reload sshd)."
  cat "$work/settings"
  echo "Match all"
  sed 's/^/  /' "$work/settings"
} >"$work/drop-in"
include_line="Include $SSHD_CONFIG_DIR/*.conf"
needs_include=no
# sshd resolves a relative Include under /etc/ssh whatever file holds it, so "sshd_config.d/..."
# names this directory only when it is /etc/ssh/sshd_config.d.
named_as=$SSHD_CONFIG_DIR
[ "$SSHD_CONFIG_DIR" = /etc/ssh/sshd_config.d ] && named_as="($SSHD_CONFIG_DIR|sshd_config.d)"
grep -Eqi "^[[:space:]]*Include[[:space:]]+\"?$named_as/" "$SSHD_CONFIG" || needs_include=yes

echo "settings to enforce in $DROP_IN:"
sed 's/^/  /' "$work/settings"
[ "$needs_include" = yes ] && echo "$SSHD_CONFIG has no Include of $SSHD_CONFIG_DIR: adding '$include_line' as its first line"
if [ "$SSH_REMEDIATION_MODE" != apply ]; then
  echo "report mode: nothing changed"
  exit 0
fi

# Keep what is there now, so any failure below can put it back exactly.
cp -p "$SSHD_CONFIG" "$work/sshd_config.before" || exit 1
had_drop_in=no
[ -f "$DROP_IN" ] && cp -p "$DROP_IN" "$work/drop-in.before" && had_drop_in=yes
had_dir=yes
[ -d "$SSHD_CONFIG_DIR" ] || had_dir=no

roll_back() {
  cat "$work/sshd_config.before" >"$SSHD_CONFIG"
  if [ "$had_drop_in" = yes ]; then cp -p "$work/drop-in.before" "$DROP_IN"; else rm -f "$DROP_IN"; fi
  [ "$had_dir" = yes ] || rmdir "$SSHD_CONFIG_DIR" 2>/dev/null
  if validate; then echo "rolled back: the previous configuration is restored and validates" >&2
  else echo "rolled back, but the restored configuration does not validate:" >&2; cat "$work/validate.err" >&2; fi
}

mkdir -p -m 0755 "$SSHD_CONFIG_DIR" &&
  cat "$work/drop-in" >"$DROP_IN" && chmod 0644 "$DROP_IN" || { echo "cannot write $DROP_IN" >&2; roll_back; exit 1; }
if [ "$needs_include" = yes ]; then
  { echo "$include_line"; cat "$work/sshd_config.before"; } >"$SSHD_CONFIG" || { roll_back; exit 1; }
fi
if ! validate; then
  echo "sshd -t rejected the change:" >&2
  cat "$work/validate.err" >&2
  roll_back
  exit 1
fi
if ! sh -c "$SSHD_RELOAD_COMMAND"; then
  echo "reloading sshd failed ($SSHD_RELOAD_COMMAND)" >&2
  roll_back
  exit 1
fi
remaining=$(failing_settings)
if [ -n "$remaining" ]; then
  echo "applied and reloaded, but sshd still does not enforce:" >&2
  echo "$remaining" | sed 's/^/  /' >&2
  exit 2
fi
echo "applied: sshd validated, reloaded, and now enforces every control"
