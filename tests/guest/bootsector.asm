; The demo guest: a boot sector that prints a marker and then the text stored in the disk's second sector to the
; first serial port, then halts. A Linux guest takes minutes to boot under nested emulation; this takes a second,
; and still proves the disk it booted from is readable (through dm-crypt, when the disk is the encrypted copy).
; Build: nasm -f bin -o boot.img bootsector.asm   (the message is appended as sector 2 by the caller)
bits 16
org 0x7c00

start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    sti
    mov [boot_drive], dl        ; the BIOS passes the boot drive in dl

    mov si, marker
    call print

    mov ah, 0x02                ; BIOS read sectors: 1 sector, cylinder 0, head 0, sector 2 (CHS, 1-based)
    mov al, 1
    mov ch, 0
    mov cl, 2
    mov dh, 0
    mov dl, [boot_drive]
    mov bx, 0x7e00
    int 0x13
    jc read_failed

    mov byte [0x7e00 + 511], 0  ; the text ends at the sector's end at the latest
    mov si, 0x7e00
    call print
    mov si, newline
    call print
    jmp halt

read_failed:
    mov si, failed
    call print

halt:
    hlt
    jmp halt

; print the zero-terminated string at ds:si to COM1
print:
    mov dx, 0x3f8
.next:
    lodsb
    test al, al
    jz .done
    out dx, al
    jmp .next
.done:
    ret

boot_drive: db 0
marker:     db 13, 10, "VIRTCRYPT-GUEST-BOOTED", 13, 10, 0
failed:     db "VIRTCRYPT-GUEST-READ-FAILED", 13, 10, 0
newline:    db 13, 10, 0

times 510 - ($ - $$) db 0
dw 0xaa55
