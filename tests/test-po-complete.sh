#!/bin/sh
# Every user-visible string is translatable and every language in po/LINGUAS
# translates all of them: files with translatable strings are listed in
# POTFILES.in, and each .po covers a freshly extracted template with no
# untranslated or fuzzy message.
set -eu
src=$1
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Files with translatable strings must be in POTFILES.in (or POTFILES.skip).
grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext) \(|(^|[^A-Za-z0-9_])N?_\(|translatable="yes"' \
  src --include='*.c' --include='*.ui' | sort > "$tmp/have"
grep -v '^#' po/POTFILES.in po/POTFILES.skip -h | sed '/^$/d' | sort > "$tmp/listed"
missing=$(comm -23 "$tmp/have" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Not in po/POTFILES.in:"; echo "$missing"; status=1
fi

# 2. Extract the template as meson's i18n (preset glib) does.
xgettext --package-name=liaison --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format --flag=g_error_new:3:c-format \
  --files-from=po/POTFILES.in -o "$tmp/liaison.pot"

# 3. Each language translates every message, with valid formats.
for lang in $(cat po/LINGUAS); do
  if ! msgfmt --check -o /dev/null "po/$lang.po"; then
    echo "po/$lang.po does not compile"; status=1
  fi
  if ! msgcmp "po/$lang.po" "$tmp/liaison.pot" 2> "$tmp/cmp"; then
    echo "po/$lang.po lacks translations (run: meson compile -C build liaison-update-po):"
    grep -v "warning: this message is not used" "$tmp/cmp" | head -40
    status=1
  fi
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "po/$lang.po" 2>&1)
  case "$stats" in
    *fuzzy*|*untranslated*) echo "po/$lang.po: $stats"; status=1 ;;
  esac
  echo "po/$lang.po: $stats"
done

exit $status
