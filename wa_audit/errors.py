"""Typed errors a user can cause. Each has a stable code and a translatable message.

The message names the file but never its content (privacy: content is customer data).
"""

from __future__ import annotations

from wa_audit.i18n import N_, _


class WaAuditError(Exception):
    code = "error"
    message = N_("Something went wrong with {file}.")

    def __init__(self, file: str = "", **params: object) -> None:
        self.file = file
        self.params = params
        super().__init__(self.code)

    def __reduce__(self):
        # picklable, so the parser process can report it
        return (_rebuild, (type(self), self.file, self.params))

    def user_message(self) -> str:
        """The message in the current UI language."""
        return _(self.message).format(file=self.file, **self.params)

    def __str__(self) -> str:
        return f"{self.code}: {self.file}"


class EmptyFile(WaAuditError):
    code = "empty_file"
    message = N_("{file} is empty. Export the chat again from WhatsApp and import the new file.")


class NotAChatExport(WaAuditError):
    code = "not_a_chat_export"
    message = N_(
        "{file} is not a WhatsApp chat export. In WhatsApp, open the chat, choose "
        "'Export chat' and import the .txt or .zip file it makes."
    )


class CorruptZip(WaAuditError):
    code = "corrupt_zip"
    message = N_("{file} is a damaged zip file. Export the chat again or copy the file again.")


class EncryptedZip(WaAuditError):
    code = "encrypted_zip"
    message = N_("{file} is protected with a password. Import the export as WhatsApp made it.")


class ZipWithoutChat(WaAuditError):
    code = "zip_without_chat"
    message = N_("{file} contains no chat text (.txt). It may hold only photos or videos.")


class UnsafeZip(WaAuditError):
    code = "unsafe_zip"
    message = N_("{file} was not opened: its contents look unsafe (a zip bomb or a hidden path).")


class FileTooLarge(WaAuditError):
    code = "file_too_large"
    message = N_(
        "{file} is too large ({size}). A WhatsApp chat text is rarely over {limit}; "
        "this does not look like a chat export."
    )


class UndecodableText(WaAuditError):
    code = "undecodable_text"
    message = N_("{file} is not readable text in any known encoding.")


class UnknownLayout(WaAuditError):
    code = "unknown_layout"
    message = N_(
        "The date and time format in {file} is not one wa-audit knows. No messages were "
        "imported from it."
    )


class FileUnreadable(WaAuditError):
    code = "file_unreadable"
    message = N_("{file} could not be read: {reason}.")


class DatabaseLocked(WaAuditError):
    code = "database_locked"
    message = N_(
        "The workspace {file} is busy: another wa-audit window is importing into it. Wait until "
        "that import has finished, then try again."
    )


class NotAWorkspace(WaAuditError):
    code = "not_a_workspace"
    message = N_(
        "{file} is not a wa-audit workspace. Choose the workspace file (.db) or give a new file "
        "name to start an empty workspace."
    )


class DamagedWorkspace(WaAuditError):
    code = "damaged_workspace"
    message = N_(
        "The workspace {file} is damaged. Restore it from a backup, or start a new workspace and "
        "import the chat exports again."
    )


class NewerWorkspace(WaAuditError):
    code = "newer_workspace"
    message = N_(
        "The workspace {file} was made by a newer wa-audit. Install the newest wa-audit to open "
        "it; this version leaves it unchanged."
    )


class ReadOnlyWorkspace(WaAuditError):
    code = "read_only_workspace"
    message = N_(
        "The workspace {file} cannot be changed (the file or its folder is read-only). Copy it "
        "to a folder you can write to and open the copy."
    )


class OutputIsInput(WaAuditError):
    code = "output_is_input"
    message = N_(
        "{file} is the workspace or one of the files it was made from, so it was not "
        "overwritten. Choose another file name."
    )


class OutputExists(WaAuditError):
    code = "output_exists"
    message = N_("{file} already exists. Choose another file name, or add --force to replace it.")


class OutputIsLink(WaAuditError):
    code = "output_is_link"
    message = N_(
        "{file} is a shortcut (symbolic link) to another file, so nothing was written. Choose a "
        "plain file name."
    )


class OutputFolderMissing(WaAuditError):
    code = "output_folder_missing"
    message = N_(
        "The folder for {file} does not exist. Create the folder or choose another one. Nothing "
        "was written."
    )


class OutputFolderReadOnly(WaAuditError):
    code = "output_folder_read_only"
    message = N_(
        "wa-audit may not write into the folder of {file}. Choose a folder you can write to. "
        "Nothing was written."
    )


class OutputFailed(WaAuditError):
    code = "output_failed"
    message = N_(
        "{file} could not be written ({reason}). Check the free space and the folder, then try "
        "again. No file was left behind."
    )


class ExportCancelled(WaAuditError):
    code = "export_cancelled"
    message = N_("Writing {file} was cancelled. No file was left behind.")


class NoWorkspace(WaAuditError):
    code = "no_workspace"
    message = N_(
        "There is no workspace {file}. Check the file name, or import chat exports into it first "
        "with: wa-audit import FILE --db {file}"
    )


class BadArgument(WaAuditError):
    code = "bad_argument"
    message = N_("{file} is not a valid value for {option}. {hint}")


class DiskFull(WaAuditError):
    code = "disk_full"
    message = N_("The disk is full, so {file} could not be saved. Free some space and try again.")


class Cancelled(WaAuditError):
    code = "cancelled"
    message = N_("Import of {file} was cancelled. Nothing from it was saved.")


def _rebuild(cls: type[WaAuditError], file: str, params: dict) -> WaAuditError:
    return cls(file, **params)
