"""The Teams edge: parse the activity, call one service, present the result. SDK lives here."""
