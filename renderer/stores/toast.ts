import { create } from 'zustand';

/** One short message at a time, optionally with an action (Undo after a delete). */
interface Toast {
  readonly message: string;
  readonly actionLabel?: string;
  readonly action?: () => void;
}

interface ToastState {
  readonly toast: Toast | null;
  show(toast: Toast): void;
  dismiss(): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;

export const useToast = create<ToastState>((set) => ({
  toast: null,
  show(toast) {
    clearTimeout(timer);
    set({ toast });
    timer = setTimeout(() => set({ toast: null }), 8000);
  },
  dismiss() {
    clearTimeout(timer);
    set({ toast: null });
  },
}));
