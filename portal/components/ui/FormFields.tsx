"use client";

import {
  type FocusEvent,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useCallback,
  useId,
  useState,
} from "react";
import { z } from "zod";
import { zhCN } from "zod/locales";

// Default zod messages in Chinese ("无效输入：期望 string，实际接收 undefined" …).
z.config(zhCN());

export type FieldErrors = Record<string, string | undefined>;

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean | undefined;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  children: ReactNode;
}

const INPUT_CLASS =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100 disabled:text-slate-600 print:border-slate-500";

function inputClass(error?: string) {
  return `${INPUT_CLASS} ${error ? "border-red-600" : "border-slate-400"}`;
}

function FieldShell({ id, label, required, hint, error, children }: FieldShellProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        ) : null}
        {required ? <span className="sr-only">（必填）</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type BaseInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id" | "name"> & {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
};

function InputField({ type, ...props }: BaseInputProps & { type: string }) {
  const { name, label, hint, error, required, className, ...rest } = props;
  const autoId = useId();
  const id = `${name}-${autoId}`;
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      <input
        {...rest}
        id={id}
        name={name}
        type={type}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${inputClass(error)} ${className ?? ""}`}
      />
    </FieldShell>
  );
}

export function TextField(props: BaseInputProps & { type?: "text" | "email" | "tel" | "password" | "search" }) {
  const { type = "text", ...rest } = props;
  return <InputField type={type} {...rest} />;
}

export function NumberField(props: BaseInputProps & { unit?: string }) {
  const { unit, hint, ...rest } = props;
  return <InputField type="number" inputMode="decimal" hint={unit ? (hint ?? `单位：${unit}`) : hint} {...rest} />;
}

export function DateField(props: BaseInputProps) {
  return <InputField type="date" {...props} />;
}

export interface SelectOption {
  value: string;
  label: string;
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> & {
  name: string;
  label: string;
  options: SelectOption[];
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
};

export function SelectField({ name, label, options, placeholder = "请选择", hint, error, required, className, ...rest }: SelectFieldProps) {
  const autoId = useId();
  const id = `${name}-${autoId}`;
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      <select
        {...rest}
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${inputClass(error)} ${className ?? ""}`}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** FormData → plain object; empty strings become undefined so `.optional()` works. */
export function formDataToObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value !== "string") continue;
    out[key] = value.trim() === "" ? undefined : value;
  }
  return out;
}

/**
 * Client-side validation against a zod schema (the same schema the API uses). Errors are keyed
 * by top-level field name; on a failed submit focus moves to the first invalid field.
 */
export function useZodForm<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<FieldErrors>({});

  const collect = useCallback(
    (form: HTMLFormElement) => {
      const result = schema.safeParse(formDataToObject(form));
      const next: FieldErrors = {};
      if (!result.success) {
        for (const issue of result.error.issues) {
          const key = String(issue.path[0] ?? "_form");
          next[key] ??= issue.message;
        }
      }
      return { result, next };
    },
    [schema],
  );

  const validateField = useCallback(
    (form: HTMLFormElement, name: string) => {
      const { next } = collect(form);
      setErrors((prev) => ({ ...prev, [name]: next[name] }));
    },
    [collect],
  );

  const handleSubmit = useCallback(
    (onValid: (data: z.output<S>, form: HTMLFormElement) => void | Promise<void>) => async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const { result, next } = collect(form);
      setErrors(next);
      if (!result.success) {
        const first = Object.keys(next)[0];
        const el = first ? form.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`) : null;
        el?.focus();
        return;
      }
      await onValid(result.data as z.output<S>, form);
    },
    [collect],
  );

  /** Attach to <form onBlur> to validate a field when the user leaves it. */
  const onBlur = useCallback(
    (event: FocusEvent<HTMLFormElement>) => {
      const target = event.target as unknown as HTMLInputElement;
      if (target.name && errors[target.name] !== undefined) validateField(event.currentTarget, target.name);
    },
    [errors, validateField],
  );

  return { errors, setErrors, handleSubmit, validateField, onBlur };
}

/** Error summary at the top of a form (GOV-style): lists problems, links to fields. */
export function FormErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors).filter(([, v]) => v);
  if (!entries.length) return null;
  return (
    <div role="alert" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">表单有 {entries.length} 处需要修改：</p>
      <ul className="mt-1 list-disc pl-5">
        {entries.map(([k, v]) => (
          <li key={k}>
            {labels[k] ?? k}：{v}
          </li>
        ))}
      </ul>
    </div>
  );
}
