## Clean input: files that are empty, not what they claim to be, or could not be checked.

error-file-empty = The file is empty (0 bytes). Please send the file itself again.
error-document-content = This file's content does not match its type. Only real PDF, Word (DOCX) and JPEG, PNG or HEIC image files are accepted: please send the original file.
error-file-not-checked = Could not check the file. Please send it again; your entry is kept.
