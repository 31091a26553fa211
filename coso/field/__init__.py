"""Field work without a connection: the village head's and commune official's phone
keeps the household list and open matters, queues what is entered offline, and sends
it when the connection returns; the server records each entry exactly once."""
