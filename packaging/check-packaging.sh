#!/usr/bin/env bash
# Checks the desktop-integration files against each other and against the programs' own --help:
#   1. desktop-file-validate and appstreamcli validate (when installed), the icon names agree;
#   2. the bash completion offers every command of `fedhap --help`, every option of
#      `fedhap <command> --help` (and no other), and every value the help lists (a | b | c,
#      and the names in a LIST's default);
#   3. fedhap.1 names every command, and in each command's section every option and value;
#      fedhap-workbench.1 names every option of `fedhap-workbench --help`; groff finds no fault.
#
#   packaging/check-packaging.sh FEDHAP [FEDHAP-WORKBENCH|-] [validators|completion-man]
#   (paths of the built programs; - for no workbench; the last argument runs only one part)
# Run by CTest as packaging_desktop_files and packaging_completion_and_man.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FEDHAP=${1:?usage: check-packaging.sh FEDHAP [FEDHAP-WORKBENCH or -] [validators or completion-man]}
WORKBENCH=${2:-}
[[ "$WORKBENCH" == - ]] && WORKBENCH=""
ONLY=${3:-all}
COMPLETION=$HERE/bash-completion/fedhap
MAN_CLI=$HERE/man/fedhap.1
MAN_GUI=$HERE/man/fedhap-workbench.1
DESKTOP=$HERE/fedhap-workbench.desktop
METAINFO=$HERE/io.github.fedhap.Workbench.metainfo.xml
ICONS=$HERE/../resources/icons

faults=0
fault() { echo "FAULT: $*"; faults=$((faults + 1)); }

validators() {
    if command -v desktop-file-validate > /dev/null; then
        desktop-file-validate "$DESKTOP" || fault "desktop-file-validate $DESKTOP"
    else
        echo "skipped: desktop-file-validate is not installed (apt-get install desktop-file-utils)"
    fi
    if command -v appstreamcli > /dev/null; then
        # AppStream 1.0 (Debian 13) warns url-homepage-missing: the metainfo names no homepage
        # because the project has none yet (add <url type="homepage"> when it has, and drop the
        # override). That one tag is counted as an info; every other warning still fails the
        # check. AppStream 0.16 (Debian 12) neither checks it nor knows the tag to override.
        local out rc=0
        out=$(appstreamcli validate --no-net --override=url-homepage-missing=info "$METAINFO" 2>&1) || rc=$?
        if grep -q "url-homepage-missing' is not recognized" <<< "$out"; then
            rc=0
            out=$(appstreamcli validate --no-net "$METAINFO" 2>&1) || rc=$?
        fi
        echo "$out"
        [[ $rc -eq 0 ]] || fault "appstreamcli validate $METAINFO"
    else
        echo "skipped: appstreamcli is not installed (apt-get install appstream)"
    fi
    local icon stock
    icon=$(sed -n 's/^Icon=//p' "$DESKTOP")
    [[ -f "$ICONS/$icon.svg" ]] || fault "Icon=$icon in the desktop file, but no $ICONS/$icon.svg"
    stock=$(sed -n 's:.*<icon type="stock">\(.*\)</icon>.*:\1:p' "$METAINFO")
    [[ "$stock" == "$icon" ]] || fault "metainfo icon '$stock' is not the desktop file's Icon=$icon"
    grep -q "<launchable type=\"desktop-id\">$(basename "$DESKTOP")</launchable>" "$METAINFO" ||
        fault "metainfo launchable is not $(basename "$DESKTOP")"
    if [[ -f "$ICONS/$icon.svg" ]] && command -v xmllint > /dev/null; then
        xmllint --noout "$ICONS/$icon.svg" || fault "$icon.svg is not well-formed XML"
    fi
}

# What the completion offers for the words "$@" (the last one is being completed).
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _fedhap
    printf '%s\n' "${COMPREPLY[@]}"
}

# Lines "OPTION<TAB>VALUE" for the values the help text on stdin lists: "a | b | c" in an
# option's description, and the names in the [default: x,y,z] of a LIST option.
help_values() {
    sed -n 's/^  \(--[a-z0-9-]*\) \([A-Z:]*\)  *\(.*\)$/\1\t\2\t\3/p' | while IFS=$'\t' read -r opt meta desc; do
        local text=${desc% \[default:*}
        if [[ "$text" == *" | "* ]]; then
            tr '|' '\n' <<< "${text%%(*}" | awk '{print $1}' | grep -E '^[a-z0-9][a-z0-9.+-]*$' | sed "s/^/$opt\t/"
        fi
        if [[ "$meta" == LIST && "$desc" == *"[default: "* ]]; then
            local def=${desc##*\[default: }
            tr ',' '\n' <<< "${def%]}" | grep -E '^[a-z]' | sed "s/^/$opt\t/"
        fi
    done | sort -u
}

help_options() { sed -n 's/^  \(--[a-z0-9-]*\).*/\1/p' | sort -u; }

# The text of a man page without font changes and with \- as -.
man_text() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g' "$1"; }

# The lines of section .SS TITLE (up to the next .SS or .SH).
man_section() { awk -v t=".SS $2" '$0 == t {on = 1; next} /^\.S[SH] / {on = 0} on' <<< "$1"; }

mentions() {  # mentions TEXT WORD: WORD appears as a whole word (an option or a value)
    grep -qE -- "(^|[^a-zA-Z0-9-])$(sed 's/[.+]/\\&/g' <<< "$2")([^a-zA-Z0-9-]|$)" <<< "$1"
}

completion_and_man() {
    local top commands cmd
    top=$("$FEDHAP" --help) || { fault "fedhap --help failed"; return; }
    commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p' <<< "$top")
    [[ -n "$commands" ]] || { fault "no commands in fedhap --help"; return; }
    echo "commands: $(echo $commands)"

    # shellcheck source=bash-completion/fedhap
    . "$COMPLETION"
    local offered expected o v
    offered=$(complete_words fedhap "")
    for o in $commands $(help_options <<< "$top"); do
        grep -qxF -- "$o" <<< "$offered" || fault "completion: 'fedhap <TAB>' does not offer $o"
    done

    local man man_experiment
    man=$(man_text "$MAN_CLI")
    man_experiment=$(man_section "$man" "Experiment options")
    for o in $(help_options <<< "$top"); do
        mentions "$(awk '/^\.SH OPTIONS/{on=1;next} /^\.SH /{on=0} on' <<< "$man")" "$o" ||
            fault "fedhap.1: OPTIONS does not name $o"
    done

    for cmd in $commands; do
        local help opts section values
        help=$("$FEDHAP" "$cmd" --help) || { fault "fedhap $cmd --help failed"; continue; }
        opts=$(help_options <<< "$help")
        [[ -n "$opts" ]] || fault "fedhap $cmd --help lists no options"

        # The completion: exactly the options of the help, and the values it lists.
        offered=$(complete_words fedhap "$cmd" --)
        for o in $opts; do grep -qxF -- "$o" <<< "$offered" || fault "completion: fedhap $cmd does not offer $o"; done
        for o in $offered; do grep -qxF -- "$o" <<< "$opts" || fault "completion: fedhap $cmd offers $o, which its --help does not list"; done
        while IFS=$'\t' read -r o v; do
            [[ -n "$o" ]] || continue
            values=$(complete_words fedhap "$cmd" "$o" "")  # not a pipe: grep -q would end it early
            grep -qxF -- "$v" <<< "$values" ||
                fault "completion: fedhap $cmd $o does not offer the value $v"
        done <<< "$(help_values <<< "$help")"

        # The man page: a section per command that names its options and values.
        section=$(man_section "$man" "fedhap $cmd")
        if [[ -z "$section" ]]; then
            fault "fedhap.1: no section .SS fedhap $cmd"
            continue
        fi
        grep -q "experiment options" <<< "$section" && section+=$'\n'$man_experiment
        for o in $opts; do mentions "$section" "$o" || fault "fedhap.1: section fedhap $cmd does not name $o"; done
        while IFS=$'\t' read -r o v; do
            [[ -n "$o" ]] || continue
            mentions "$section" "$v" || fault "fedhap.1: section fedhap $cmd does not name $o's value $v"
        done <<< "$(help_values <<< "$help")"
    done

    if [[ -n "$WORKBENCH" ]]; then
        local wb
        wb=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$WORKBENCH" --help) ||
            fault "fedhap-workbench --help failed"
        man=$(man_text "$MAN_GUI")
        for o in $(grep -oE -- '^  (-[a-z], )?--[a-z-]+' <<< "$wb" | tr -d ',' ); do
            mentions "$man" "$o" || fault "fedhap-workbench.1 does not name $o"
        done
    fi

    if command -v groff > /dev/null; then
        local page out
        for page in "$MAN_CLI" "$MAN_GUI"; do
            out=$(groff -ww -z -man -Tutf8 "$page" 2>&1)
            [[ -z "$out" ]] || fault "groff warns about $(basename "$page"): $out"
        done
    fi
}

case $ONLY in
    validators) validators ;;
    completion-man) completion_and_man ;;
    *) validators; completion_and_man ;;
esac
if [[ $faults -gt 0 ]]; then
    echo "check-packaging: $faults fault(s)"
    exit 1
fi
echo "check-packaging: all good"
