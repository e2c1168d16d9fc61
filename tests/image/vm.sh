# The image tests' VM, sourced by tests/image/*-test: QEMU (q35, OVMF, TCG; KVM where it runs, see boot-test) on
# "$image" with the serial console in "$serial" and the monitor on a pair of FIFOs (no socket tool needed).
# The caller sets work, image, serial and defines fail().
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
accel=${accel:-tcg}
qemu_pid=

# vm_boot NAME [QEMU ARGS...]: start QEMU on $image; the previous boot's console is kept as serial-NAME-before.log.
vm_boot() {
  local name=$1
  shift
  [ -s "$serial" ] && cp "$serial" "$work/serial-before-$name.log"
  : > "$serial"
  rm -f "$work/monitor.in" "$work/monitor.out"
  mkfifo "$work/monitor.in" "$work/monitor.out"
  [ -f "$work/vars.fd" ] || cp "$ovmf_vars" "$work/vars.fd"
  local cpu=max
  [ "$accel" = kvm ] && cpu=max,arch-capabilities=off
  boot_start=$(date +%s)
  nice -n 10 qemu-system-x86_64 -machine q35,accel="$accel" -cpu "$cpu" -smp 2 -m 2048 -nodefaults \
    -drive if=pflash,format=raw,readonly=on,file="$ovmf_code" \
    -drive if=pflash,format=raw,file="$work/vars.fd" \
    -drive if=virtio,format=raw,file="$image" \
    -device virtio-vga -display none -device qemu-xhci,id=xhci \
    -serial file:"$serial" -monitor pipe:"$work/monitor" \
    -no-reboot "$@" > "$work/qemu-$name.log" 2>&1 &
  qemu_pid=$!
  cat "$work/monitor.out" > "$work/monitor-$name.log" &
}

vm_monitor() { echo "$1" > "$work/monitor.in"; }

# systemd colours its status lines; the checks read the console without the escape sequences.
# (grep reads to the end, not -q: under pipefail an early exit would fail the pipe with SIGPIPE.)
vm_console() { sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$serial"; }
on_console() { vm_console | grep -a -- "$1" > /dev/null; }

# vm_ready NAME BOUND: the kiosk unit reached READY (Type=notify: "Started" only after the app's READY=1).
vm_ready() {
  local name=$1 bound=${2:-900}
  while [ $(($(date +%s) - boot_start)) -lt "$bound" ]; do
    kill -0 "$qemu_pid" 2>/dev/null || fail "$name: QEMU exited before the kiosk was ready"
    on_console 'Kernel panic' && fail "$name: the kernel panicked"
    on_console 'Failed to start anjungan-data.service' && fail "$name: the data partition was not unlocked"
    on_console 'Failed to start anjungan.service' && fail "$name: the kiosk unit failed to start"
    if on_console 'Started anjungan.service'; then
      ready_s=$(($(date +%s) - boot_start))
      echo "$name: the kiosk reached READY ${ready_s} s after QEMU started ($accel)"
      return 0
    fi
    sleep 2
  done
  fail "$name: the kiosk did not reach READY within $bound s"
}

# vm_screendump FILE: the VM's display as a PPM.
vm_screendump() {
  rm -f "$1"
  vm_monitor "screendump $1"
  for _ in $(seq 1 10); do [ -s "$1" ] && break; sleep 1; done
  sleep 1
}

# vm_power_off NAME: a clean power-off (ACPI) within 180 s; the console is kept as serial-NAME.log.
vm_power_off() {
  vm_monitor system_powerdown
  for _ in $(seq 1 90); do
    kill -0 "$qemu_pid" 2>/dev/null || { qemu_pid=; cp "$serial" "$work/serial-$1.log"; return 0; }
    sleep 2
  done
  vm_monitor quit
  fail "$1: the unit did not power off within 180 s"
}

# part IMAGE NAME: the GPT partition's start and size in 512-byte sectors.
part() { sfdisk -d "$1" | sed -n "s/.*: start= *\([0-9]*\), size= *\([0-9]*\),.*name=\"$2\".*/\1 \2/p"; }

# vm_machine_id: the machine id this boot's console says is kept on the data partition.
vm_machine_id() { vm_console | grep -ao 'anjungan-machine-id: .*machine id .*[0-9a-f]\{32\}' | tail -1 | grep -o '[0-9a-f]\{32\}'; }
