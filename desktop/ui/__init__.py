"""The Qt interface. Widgets call services (`desktop.services`), never SQL."""
