"""Reading WhatsApp exports."""
