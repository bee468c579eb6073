"""One repository per aggregate; `storage.holder.Holder` gathers them over one session."""
