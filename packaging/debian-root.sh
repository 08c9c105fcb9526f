# Shared by test-install.sh (Debian 12) and test-debian13.sh (Debian 13): a debootstrapped
# Debian root and a chroot into it. Sourced, not run:
#
#   . packaging/debian-root.sh
#   debian_root_mirror                  the Debian mirror this machine's apt uses (for debootstrap)
#   debian_root_bootstrap SUITE ROOT M  debootstrap --variant=minbase SUITE into ROOT from mirror M
#   debian_root_configure SUITE ROOT M  apt sources (SUITE, -updates, -security), resolv.conf, and
#                                       a policy-rc.d that keeps package scripts from starting services
#   debian_root_mount ROOT [--tmpfs-tmp] /proc, /dev, /dev/pts, /dev/shm, /sys (and a tmpfs /tmp)
#   debian_root_unmount_all             everything debian_root_mount mounted, in reverse order
#   debian_root_busy ROOT               true when something is still mounted under ROOT
#   debian_root_run ROOT COMMAND...     COMMAND in the chroot, with a clean environment (extra
#                                       VAR=value words may lead COMMAND: they go to env)
# The caller installs `trap debian_root_unmount_all EXIT` before mounting.

DEBIAN_ROOT_MOUNTED=()

# The first Debian archive (not -security) in /etc/apt/sources.list and sources.list.d/*, in
# either format (one-line "deb URL suite" or deb822 "URIs: URL"); deb.debian.org when none.
debian_root_mirror() {
  local url
  url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        sed -n -e 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\{0,1\}\([a-z]\+:\/\/[^[:space:]]*\).*/\2/p' \
               -e 's/^[[:space:]]*URIs:[[:space:]]*\([a-z]\+:\/\/[^[:space:]]*\).*/\1/p' |
        sed 's:/*$::' | grep -E '/debian$' | grep -v -- '-security' | head -n1)
  echo "${url:-http://deb.debian.org/debian}"
}

debian_root_bootstrap() {
  local suite=$1 root=$2 mirror=$3
  mkdir -p "$root" && debootstrap --variant=minbase "$suite" "$root" "$mirror"
}

debian_root_configure() {
  local suite=$1 root=$2 mirror=$3
  # What a user's Debian has: the point-release and security updates too.
  cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb ${mirror%/debian}/debian-security $suite-security main
EOF
  cp /etc/resolv.conf "$root/etc/resolv.conf" &&
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
}

debian_root_busy() { findmnt -rn -o TARGET | grep -q "^$(realpath -m "$1")/"; }

_debian_root_mount() {  # _debian_root_mount TARGET MOUNT-ARGS...: mounts and records it
  local target=$1; shift
  mkdir -p "$target" && mount "$@" "$target" && DEBIAN_ROOT_MOUNTED+=("$target")
}

debian_root_mount() {
  local root=$1
  _debian_root_mount "$root/proc" -t proc proc || return 1
  _debian_root_mount "$root/sys" -t sysfs sysfs || return 1
  # Binds are made slaves: nothing mounted under them (the /dev/shm here) reaches the host's /dev
  # where / is a shared mount (systemd).
  _debian_root_mount "$root/dev" --bind /dev && mount --make-rslave "$root/dev" || return 1
  _debian_root_mount "$root/dev/pts" --bind /dev/pts && mount --make-rslave "$root/dev/pts" || return 1
  _debian_root_mount "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm || return 1
  if [[ "${2:-}" == --tmpfs-tmp ]]; then
    _debian_root_mount "$root/tmp" -t tmpfs tmpfs || return 1
  fi
}

debian_root_unmount_all() {
  local i
  for (( i=${#DEBIAN_ROOT_MOUNTED[@]}-1; i>=0; i-- )); do
    umount "${DEBIAN_ROOT_MOUNTED[$i]}" 2>/dev/null || umount -l "${DEBIAN_ROOT_MOUNTED[$i]}" 2>/dev/null
  done
  DEBIAN_ROOT_MOUNTED=()
}

debian_root_run() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
         DEBIAN_FRONTEND=noninteractive "$@"
}
